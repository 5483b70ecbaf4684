using Workflows.Engine;
using Workflows.Executor;
using Workflows.Hosting;

using Workflows.HelloApp;

// The whole engine in this app (in-memory bus, SQLite in .workflows/) running HelloWorkflow; the API on /api.
var builder = WebApplication.CreateBuilder(args);
builder.AddWorkflows().AddEmbeddedEngine().AddWorkflow<HelloWorkflow>();

var app = builder.Build();
app.MapWorkflows();
app.Run();
