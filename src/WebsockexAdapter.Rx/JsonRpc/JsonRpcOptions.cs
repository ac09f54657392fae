using System.Reactive.Concurrency;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>How a <see cref="JsonRpcSession"/> times its calls, writes its parameters and logs.</summary>
public sealed record JsonRpcOptions
{
    /// <summary>The default value of <see cref="RequestTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a call waits for its reply unless the call says otherwise. The default value is 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Runs the call timeouts; tests pass a virtual-time one. The default value is <see cref="DefaultScheduler.Instance"/>.</summary>
    public IScheduler Scheduler { get; init; } = DefaultScheduler.Instance;

    /// <summary>
    /// Serializes call parameters that are plain objects (a <see cref="JsonElement"/> or a
    /// <c>System.Text.Json.Nodes.JsonNode</c> is written as it is). The default value is
    /// <see cref="JsonSerializerOptions.Default"/>: property names as written, so <c>new { instrument_name = "BTC-PERPETUAL" }</c>
    /// goes out as <c>instrument_name</c>.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; init; } = JsonSerializerOptions.Default;

    /// <summary>Where log lines go. The default value is <see cref="NullLoggerFactory.Instance"/>.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Checks every rule and throws one <see cref="InvalidOptionsException"/> listing all that are broken.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        OptionRules.Positive(errors, nameof(RequestTimeout), RequestTimeout);
        OptionRules.NotNull(errors, nameof(Scheduler), Scheduler);
        OptionRules.NotNull(errors, nameof(SerializerOptions), SerializerOptions);
        OptionRules.NotNull(errors, nameof(LoggerFactory), LoggerFactory);
        InvalidOptionsException.ThrowIfAny(nameof(JsonRpcOptions), errors);
    }
}
