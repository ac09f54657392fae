using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// The server answered a call with an error. Branch on <see cref="Code"/>, never on the message text: exchanges word
/// their messages differently across versions.
/// </summary>
public class JsonRpcException : Exception
{
    /// <summary>Creates the exception from the server's error object.</summary>
    /// <param name="method">The method that was called.</param>
    /// <param name="code">The error code the server sent.</param>
    /// <param name="errorMessage">The error message the server sent.</param>
    /// <param name="data">The error's <c>data</c> member, if any.</param>
    public JsonRpcException(string method, int code, string errorMessage, JsonElement? data = null)
        : base($"{method} failed: {code} {errorMessage}")
    {
        Method = method;
        Code = code;
        ErrorMessage = errorMessage;
        Data = data;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public JsonRpcException()
        : this("unknown", 0, "unknown error")
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public JsonRpcException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message of your own and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JsonRpcException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        ErrorMessage = message;
    }

    /// <summary>The method that was called.</summary>
    public string Method { get; }

    /// <summary>The error code the server sent.</summary>
    public int Code { get; }

    /// <summary>The error message the server sent.</summary>
    public string ErrorMessage { get; }

    /// <summary>The error's <c>data</c> member, if the server sent one. Not part of <see cref="Exception.Message"/>.</summary>
    public new JsonElement? Data { get; }
}
