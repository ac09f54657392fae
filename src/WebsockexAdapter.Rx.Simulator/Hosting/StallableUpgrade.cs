using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WebsockexAdapter.Rx.Simulator.Connections;

namespace WebsockexAdapter.Rx.Simulator.Hosting;

/// <summary>
/// The upgrade, with the upgraded stream's writes held by the connection's <see cref="StallGate"/>. The WebSocket
/// answers pings inside a pending receive, on its own; without this a stalled connection would still answer them, and a
/// client's ping-based stall detection could not be tested.
/// </summary>
internal sealed class StallableUpgrade(IHttpUpgradeFeature inner, StallGate stall, CancellationToken aborted) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>Puts the feature in front of the WebSocket middleware, which captures the upgrade when it runs.</summary>
    public static Task Install(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { } upgrade)
        {
            var stall = new StallGate();
            context.Features.Set(stall);
            context.Features.Set<IHttpUpgradeFeature>(new StallableUpgrade(upgrade, stall, context.RequestAborted));
        }

        return next(context);
    }

    public async Task<Stream> UpgradeAsync() => new StallableStream(await inner.UpgradeAsync().ConfigureAwait(false), stall, aborted);
}
