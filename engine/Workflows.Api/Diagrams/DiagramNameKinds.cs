namespace Workflows.Api.Diagrams;

/// <summary>How a step name is written in the code.</summary>
internal static class DiagramNameKinds
{
    public const string Constant = "constant";
    public const string Interpolated = "interpolated";
    public const string Expression = "expression";
}
