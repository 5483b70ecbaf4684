using System.Text.Json;
using Workflows.Contracts;

namespace Workflows.Storage.Tests;

public sealed class InstanceStatesTests
{
    [Fact]
    public void Each_state_is_shown_to_clients_as_its_name_in_camel_case_and_every_status_has_its_state()
    {
        Assert.Equal(InstanceStates.All.Select(JsonNamingPolicy.CamelCase.ConvertName), InstanceStates.All.Select(InstanceStates.StatusOf));
        Assert.Equal(InstanceStatuses.All, InstanceStates.All.Select(InstanceStates.StatusOf));
        Assert.Equal(InstanceStates.All, InstanceStatuses.All.Select(InstanceStates.FromStatus));
    }

    [Theory]
    [InlineData("Initial")]
    [InlineData("running")]
    [InlineData(null)]
    public void Anything_but_a_state_name_is_unknown(string? state)
    {
        Assert.Equal(InstanceStatuses.Unknown, InstanceStates.StatusOf(state));
        Assert.Null(InstanceStates.FromStatus(InstanceStatuses.Unknown));
    }
}
