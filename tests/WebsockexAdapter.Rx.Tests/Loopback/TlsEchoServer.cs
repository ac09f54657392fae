using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;

namespace WebsockexAdapter.Rx.Tests.Loopback;

/// <summary>
/// Kestrel over HTTPS on 127.0.0.1 with a self-signed certificate made for the test: a WebSocket that echoes every
/// message until the client closes. It records the server name (SNI) each TLS handshake asked for, and counts the
/// WebSockets it accepted.
/// </summary>
internal sealed class TlsEchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _accepted;

    private TlsEchoServer(X509Certificate2 certificate)
    {
        Certificate = certificate;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddWebSockets(o => o.KeepAliveInterval = TimeSpan.Zero);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, name) =>
                {
                    ServerNames.Enqueue(name ?? "");
                    return certificate;
                },
            }));
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(EchoAsync);
    }

    public X509Certificate2 Certificate { get; }

    public int Port { get; private set; }

    /// <summary>The SNI of each TLS handshake, "" when the client sent none (as for an IP address).</summary>
    public ConcurrentQueue<string> ServerNames { get; } = new();

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Starts a server whose certificate names <paramref name="dnsNames"/> and, if asked, 127.0.0.1.</summary>
    public static async Task<TlsEchoServer> StartAsync(string[] dnsNames, bool withLoopbackAddress = true)
    {
        var server = new TlsEchoServer(SelfSigned(dnsNames, withLoopbackAddress));
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    public Uri UriFor(string host) => new($"wss://{host}:{Port}/ws");

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _accepted);
        var server = new ServerSocket(0, context, socket);
        try
        {
            await server.EchoUntilClosedAsync();
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
    }

    private static X509Certificate2 SelfSigned(string[] dnsNames, bool withLoopbackAddress)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames.FirstOrDefault() ?? "127.0.0.1"}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        if (withLoopbackAddress)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS#12 so that the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
