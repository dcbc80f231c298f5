using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Playwright;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// A second DevTools connection, straight from this process to one page, that carries screenshots.
/// Over Playwright's CDP session a 1-2 MB screenshot is parsed and re-serialized by its Node driver
/// and then decoded from a .NET string; here the base64 is decoded from the received bytes.
/// Chromium refuses DevTools connections that carry a web origin, so pages cannot use it.
/// </summary>
public sealed class DevToolsChannel : IAsyncDisposable
{
    private readonly ClientWebSocket socket;
    private readonly ArrayBufferWriter<byte> received = new(1 << 20);
    private int lastId;

    private DevToolsChannel(ClientWebSocket socket) => this.socket = socket;

    /// <summary>
    /// The port of <paramref name="browser"/>'s DevTools server, launched with
    /// <c>--remote-debugging-port=0</c> and <c>--enable-automation</c> (which lets the command line be
    /// read), from the <c>DevToolsActivePort</c> file Chromium writes in its profile; null without one.
    /// </summary>
    public static async Task<int?> FindPortAsync(IBrowser browser)
    {
        var cdp = await browser.NewBrowserCDPSessionAsync();
        try
        {
            var commandLine = await cdp.SendAsync("Browser.getBrowserCommandLine");
            var profile = commandLine?.GetProperty("arguments").EnumerateArray()
                .Select(argument => argument.GetString() ?? "")
                .FirstOrDefault(argument => argument.StartsWith("--user-data-dir=", StringComparison.Ordinal))?["--user-data-dir=".Length..];
            if (profile is null) return null;
            var file = Path.Combine(profile, "DevToolsActivePort");
            for (var attempt = 0; attempt < 20 && !File.Exists(file); attempt++)
                await Task.Delay(50);
            return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var port) ? port : null;
        }
        catch (PlaywrightException)
        {
            return null;
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }

    /// <summary>Connects to the page <paramref name="targetId"/> of the browser listening on <paramref name="port"/>.</summary>
    public static async Task<DevToolsChannel> ConnectAsync(int port, string targetId, TimeSpan timeout)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/devtools/page/{targetId}"), cancel.Token);
            return new DevToolsChannel(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <c>Page.captureScreenshot</c> and returns the decoded image. One call at a time.</summary>
    public async Task<byte[]> CaptureScreenshotAsync(IReadOnlyDictionary<string, object> parameters, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var id = ++lastId;
        var request = JsonSerializer.SerializeToUtf8Bytes(new { id, method = "Page.captureScreenshot", @params = parameters });
        try
        {
            await socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, cancel.Token);

            // Events could share the connection (none are enabled here): skip whatever is not the answer.
            while (true)
            {
                await ReceiveMessageAsync(cancel.Token);
                if (TryReadAnswer(received.WrittenSpan, id, out var image))
                    return image;
            }
        }
        catch (OperationCanceledException exception) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException("The screenshot took longer than the render's time limit.", exception);
        }
    }

    private async Task ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        received.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(received.GetMemory(1 << 18), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "Chromium closed the DevTools connection.");
            received.Advance(result.Count);
            if (result.EndOfMessage) return;
        }
    }

    /// <summary>Reads <c>{"id":…,"result":{"data":"…"}}</c> or its <c>error</c> without building strings.</summary>
    private static bool TryReadAnswer(ReadOnlySpan<byte> message, int id, out byte[] image)
    {
        image = [];
        var reader = new Utf8JsonReader(message);
        int? answerTo = null;
        string? error = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                answerTo = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isData = reader.ValueTextEquals("data"u8);
                    reader.Read();
                    if (isData) image = Decode(ref reader);
                    else reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = JsonElement.ParseValue(ref reader).TryGetProperty("message", out var text) ? text.GetString() : "unknown error";
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (answerTo != id) return false;
        if (error is not null) throw new RenderException($"Chromium failed to take the screenshot: {error}", isPermanent: false);
        if (image.Length == 0) throw new RenderException("Chromium returned no screenshot.", isPermanent: false);
        return true;
    }

    private static byte[] Decode(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
            return Convert.FromBase64String(reader.GetString()!);
        var base64 = reader.ValueSpan;
        var padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
        var image = new byte[base64.Length / 4 * 3 - padding];
        if (Base64.DecodeFromUtf8(base64, image, out _, out var written) != OperationStatus.Done || written != image.Length)
            throw new RenderException("Chromium returned a screenshot that is not base64.", isPermanent: false);
        return image;
    }

    public ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
