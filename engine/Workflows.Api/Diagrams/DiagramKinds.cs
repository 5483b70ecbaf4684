namespace Workflows.Api.Diagrams;

/// <summary>The node kinds the generator writes (Cloudflare's names; docs/diagrams.md).</summary>
internal static class DiagramKinds
{
    public const string Start = "Start";
    public const string End = "End";
    public const string StepDo = "StepDo";
    public const string StepSleep = "StepSleep";
    public const string StepSleepUntil = "StepSleepUntil";
    public const string StepWaitForEvent = "StepWaitForEvent";
    public const string StepInvoke = "StepInvoke";
    public const string Loop = "Loop";
    public const string Parallel = "Parallel";
    public const string FunctionCall = "FunctionCall";
    public const string If = "If";
    public const string Switch = "Switch";
    public const string Try = "Try";
    public const string Return = "Return";
    public const string Throw = "Throw";
}
