namespace Workflows.Deploy.Tests;

public sealed class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    [Fact]
    public void The_image_runs_on_the_aspnet_10_runtime_as_a_non_root_user()
    {
        var from = _dockerfile.RuntimeStage[0].Arguments;
        var user = _dockerfile.RuntimeStage.Last(x => x.Instruction == "USER").Arguments;

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", from, StringComparison.Ordinal);
        Assert.Contains("ARG DOTNET_VERSION=10.0", RepositoryFiles.Read(Dockerfile.Path), StringComparison.Ordinal);
        Assert.Equal("$APP_UID", user);
    }

    [Fact]
    public void The_image_listens_on_the_port_it_exposes()
    {
        var environment = _dockerfile.RuntimeEnvironment;

        Assert.Equal(8080, _dockerfile.ExposedPort);
        Assert.Equal($"http://+:{_dockerfile.ExposedPort}", environment["ASPNETCORE_URLS"]);
        // Cleared so that Kestrel does not warn that ASPNETCORE_URLS overrides the base image's HTTP_PORTS.
        Assert.Equal("", environment["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void The_image_health_check_asks_the_service_on_its_port_whether_it_is_alive()
    {
        var healthCheck = _dockerfile.RuntimeStage.Single(x => x.Instruction == "HEALTHCHECK").Arguments;
        var script = RepositoryFiles.Read("deploy/healthcheck.sh");

        Assert.Contains("CMD [\"/app/healthcheck.sh\", \"/alive\"]", healthCheck, StringComparison.Ordinal);
        Assert.Contains($"/dev/tcp/127.0.0.1/{_dockerfile.ExposedPort}", script, StringComparison.Ordinal);
        Assert.StartsWith("#!/bin/bash", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_to_build_is_a_build_argument_naming_its_project()
    {
        var build = string.Join('\n', _dockerfile.Instructions.Select(x => $"{x.Instruction} {x.Arguments}"));

        Assert.Contains("ARG SERVICE", build, StringComparison.Ordinal);
        Assert.Contains("dotnet restore \"hosts/$SERVICE.Host/$SERVICE.Host.csproj\"", build, StringComparison.Ordinal);
        Assert.Contains("dotnet publish \"hosts/$SERVICE.Host/$SERVICE.Host.csproj\"", build, StringComparison.Ordinal);
        Assert.Contains("exec dotnet \\\"/app/${WORKFLOWS_SERVICE}.Host.dll\\\"", build, StringComparison.Ordinal);
    }

    [Fact]
    public void The_restore_layer_holds_the_project_files_and_the_central_package_files()
    {
        var keep = _dockerfile.Instructions.Single(x => x.Instruction == "RUN" && x.Arguments.StartsWith("find", StringComparison.Ordinal)).Arguments;

        foreach (var file in new[] { "*.csproj", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
            Assert.Contains($"! -name '{file}'", keep, StringComparison.Ordinal);
        Assert.True(RepositoryFiles.Exists("Directory.Packages.props"));
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_git_and_local_secrets()
    {
        var ignored = RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "**/bin/", "**/obj/", ".git/", ".env", ".workflows/" }, ignored);
    }
}
