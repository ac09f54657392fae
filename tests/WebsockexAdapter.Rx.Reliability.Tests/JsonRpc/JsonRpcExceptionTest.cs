using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Reliability.Tests.JsonRpc;

/// <summary>The JSON-RPC errors' texts and the standard constructors every exception type offers.</summary>
public sealed class JsonRpcExceptionTest
{
    [Fact]
    public void AnErrorReply_SaysMethodCodeAndMessage()
    {
        var error = new JsonRpcException("private/buy", 10028, "too_many_requests");

        Assert.Equal("private/buy failed: 10028 too_many_requests", error.Message);
        Assert.Equal(("private/buy", 10028, "too_many_requests"), (error.Method, error.Code, error.ErrorMessage));
    }

    [Fact]
    public void TheStandardConstructors_SayWhatIsUnknown()
    {
        Assert.Equal(("unknown", 0, "unknown error"), (new JsonRpcException().Method, new JsonRpcException().Code, new JsonRpcException().ErrorMessage));
        Assert.Equal(("unknown", "mine"), (new JsonRpcException("mine").Method, new JsonRpcException("mine").ErrorMessage));
        var inner = new IOException("cause");
        Assert.Same(inner, new JsonRpcException("mine", inner).InnerException);
    }

    [Fact]
    public void ATimeout_SaysMethodIdAndLimit()
    {
        var timeout = new JsonRpcTimeoutException("public/test", 42, TimeSpan.FromMilliseconds(1500));

        Assert.Equal("No reply to public/test (id 42) within 1500 ms.", timeout.Message);
        Assert.Equal(("public/test", 42L, TimeSpan.FromMilliseconds(1500)), (timeout.Method, timeout.RequestId, timeout.Timeout));
    }

    [Fact]
    public void TheTimeoutsStandardConstructors_SayWhatIsUnknown()
    {
        Assert.Equal("unknown", new JsonRpcTimeoutException().Method);
        Assert.Equal(("unknown", "mine"), (new JsonRpcTimeoutException("mine").Method, new JsonRpcTimeoutException("mine").Message));
        var inner = new IOException("cause");
        var wrapped = new JsonRpcTimeoutException("mine", inner);
        Assert.Equal("unknown", wrapped.Method);
        Assert.Same(inner, wrapped.InnerException);
    }

    [Fact]
    public void Options_ListEveryMissingPart()
    {
        var invalid = Assert.Throws<InvalidOptionsException>(() => new JsonRpcOptions
        {
            RequestTimeout = TimeSpan.Zero,
            Scheduler = null!,
            SerializerOptions = null!,
            LoggerFactory = null!,
        }.Validate());

        Assert.Equal(4, invalid.Errors.Count);
        Assert.Contains(invalid.Errors, e => e.Contains("LoggerFactory", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.Contains("SerializerOptions", StringComparison.Ordinal));
    }
}
