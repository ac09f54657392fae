using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// A message from the server that answers no request: <c>{"method": ..., "params": ...}</c> with no id. Its
/// <see cref="Params"/> stays valid after <c>OnNext</c> returns, so it may be buffered or handed to another thread.
/// </summary>
/// <param name="Method">The method, e.g. <c>subscription</c> or <c>heartbeat</c>.</param>
/// <param name="Params">The parameters; <see cref="JsonValueKind.Undefined"/> when the message had none.</param>
public readonly record struct JsonRpcNotification(string Method, JsonElement Params);
