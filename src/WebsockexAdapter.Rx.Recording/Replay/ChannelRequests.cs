using System.Buffers;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Subscribe and unsubscribe requests (<c>{"channels":[...]}</c>) as a replay matches them when their grouping differs:
/// a live session sends the channels wanted when each pass starts, so channels subscribed a moment apart may have gone
/// out in two requests live and go out in one in the replay, where every subscription is made before the clock moves.
/// </summary>
internal static class ChannelRequests
{
    /// <summary>
    /// Finds unanswered recorded requests of <paramref name="sent"/>'s method whose channels, together, are exactly the
    /// channels it asks for (each of them asking only for some of those): <paramref name="first"/> is the one whose
    /// reply answers, <paramref name="absorbed"/> the others, which are taken out of <paramref name="requests"/> too.
    /// </summary>
    public static bool TryRegroup(List<RecordedRequest> requests, in RecordedRequest sent, out long first, out List<long> absorbed, out IReadOnlyList<string> channels)
    {
        first = 0;
        absorbed = [];
        channels = [];
        if (!IsChannelRequest(sent.Method) || sent.Redacted || !TryReadChannels(sent.Params, out var asked) || asked.Count == 0)
        {
            return false;
        }

        var method = sent.Method;
        var wanted = new HashSet<string>(asked, StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var parts = new List<int>();
        for (var i = 0; i < requests.Count && covered.Count < wanted.Count; i++)
        {
            var recorded = requests[i];
            if (string.Equals(recorded.Method, method, StringComparison.Ordinal)
                && !recorded.Redacted
                && TryReadChannels(recorded.Params, out var part)
                && part.Count > 0
                && part.All(wanted.Contains)
                && !part.Any(covered.Contains))
            {
                parts.Add(i);
                covered.UnionWith(part);
            }
        }

        if (parts.Count < 2 || !covered.SetEquals(wanted))
        {
            return false;
        }

        first = requests[parts[0]].Id;
        for (var k = 1; k < parts.Count; k++)
        {
            absorbed.Add(requests[parts[k]].Id);
        }

        for (var k = parts.Count - 1; k >= 0; k--)
        {
            requests.RemoveAt(parts[k]);
        }

        channels = asked;
        return true;
    }

    /// <summary>
    /// The recorded reply, answering <paramref name="id"/> for all of <paramref name="channels"/>: a result (the list
    /// of channels subscribed) lists them all; an error stays the error it was.
    /// </summary>
    public static Frame Answer(Frame reply, long id, IReadOnlyList<string> channels)
    {
        using var document = JsonDocument.Parse(reply.Payload);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("id"u8))
                {
                    writer.WriteNumber("id"u8, id);
                }
                else if (property.NameEquals("result"u8) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    writer.WriteStartArray("result"u8);
                    foreach (var channel in channels)
                    {
                        writer.WriteStringValue(channel);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Frame.FromUtf8(buffer.WrittenMemory);
    }

    private static bool IsChannelRequest(string method) =>
        method.EndsWith("/subscribe", StringComparison.Ordinal) || method.EndsWith("/unsubscribe", StringComparison.Ordinal);

    private static bool TryReadChannels(JsonElement parameters, out List<string> channels)
    {
        channels = [];
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        JsonElement list = default;
        foreach (var property in parameters.EnumerateObject())
        {
            count++;
            if (property.NameEquals("channels"u8))
            {
                list = property.Value;
            }
        }

        if (count != 1 || list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var channel in list.EnumerateArray())
        {
            if (channel.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            channels.Add(channel.GetString()!);
        }

        return true;
    }
}
