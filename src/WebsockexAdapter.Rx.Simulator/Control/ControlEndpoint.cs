using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace WebsockexAdapter.Rx.Simulator.Control;

/// <summary>
/// The fault-injection methods over HTTP, for the standalone server: <c>POST /control/{fault}?arg=value</c>
/// answers 200 <c>ok</c>; <c>GET /control/state</c> answers what the simulator saw, as JSON.
/// </summary>
internal static class ControlEndpoint
{
    public static async Task HandleAsync(HttpContext context, DeribitSimulator simulator, string action)
    {
        var response = context.Response;
        var name = action.Trim('/');
        if (HttpMethods.IsGet(context.Request.Method) && name is "" or "state")
        {
            response.ContentType = "application/json";
            await response.Body.WriteAsync(ControlState.ToJson(simulator), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        string? problem;
        try
        {
            problem = Apply(simulator, name, context.Request.Query);
        }
        catch (Exception error) when (error is FormatException or OverflowException or ArgumentException)
        {
            problem = error.Message;
        }

        response.StatusCode = problem is null ? StatusCodes.Status200OK : problem == NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        await response.WriteAsync(problem ?? "ok", context.RequestAborted).ConfigureAwait(false);
    }

    private const string NotFound = "unknown control action";

    private static string? Apply(DeribitSimulator simulator, string name, IQueryCollection query)
    {
        switch (name)
        {
            case "drop": simulator.DropAllConnections(); break;
            case "close": simulator.CloseAllConnections(Int(query, "code", 4000), Text(query, "reason", "closed by control")); break;
            case "stall": simulator.Stall(Bool(query, "on", true)); break;
            case "stop-heartbeats": simulator.StopHeartbeats(Bool(query, "on", true)); break;
            case "refuse": simulator.RefuseConnections(TimeSpan.FromSeconds(Double(query, "seconds", 10))); break;
            case "delay": simulator.DelayReplies(TimeSpan.FromMilliseconds(Double(query, "ms", 500))); break;
            case "reorder": simulator.ReorderReplies(Bool(query, "on", true)); break;
            case "malformed-json": simulator.SendMalformedJson(); break;
            case "invalid-utf8": simulator.SendInvalidUtf8(); break;
            case "oversized": simulator.SendOversizedFrame(Int(query, "bytes", 1024 * 1024)); break;
            case "unknown-id": simulator.SendUnknownReplyId(); break;
            case "kill-after": simulator.KillAfterMessages(Int(query, "n", 10)); break;
            case "expire-tokens": simulator.ExpireAllTokens(); break;
            case "rate-limit": simulator.ForceRateLimit(); break;
            case "book-gap": simulator.InjectBookGap(); break;
            case "reset": simulator.ResetFaults(); break;
            default: return NotFound;
        }

        return null;
    }

    private static string Text(IQueryCollection query, string key, string fallback) =>
        query.TryGetValue(key, out var value) && value.Count > 0 ? value[0] ?? fallback : fallback;

    private static int Int(IQueryCollection query, string key, int fallback) =>
        query.ContainsKey(key) ? int.Parse(Text(query, key, string.Empty), CultureInfo.InvariantCulture) : fallback;

    private static double Double(IQueryCollection query, string key, double fallback) =>
        query.ContainsKey(key) ? double.Parse(Text(query, key, string.Empty), CultureInfo.InvariantCulture) : fallback;

    private static bool Bool(IQueryCollection query, string key, bool fallback) =>
        query.ContainsKey(key) ? bool.Parse(Text(query, key, string.Empty)) : fallback;
}
