import AudiobookRender
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The review page's HTTP server (FORMATS.md, "Review page"): bound to 127.0.0.1 only; every
/// request must name this very server as its `Host` (so no other site can reach it through a
/// name that resolves here), and every `/api/` request must carry the run's token.
public struct ReviewServer: Sendable {
    public let session: ReviewSession
    /// The port to listen on; 0 picks a free one.
    public let port: Int
    /// The per-run secret of the page's address.
    public let token: String

    /// Creates a server for a session.
    public init(session: ReviewSession, port: Int, token: String) {
        self.session = session
        self.port = port
        self.token = token
    }

    /// A random token: 128 bits, in hex.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }
            .joined()
    }

    /// The page's address on a port.
    public func address(port: Int) -> String { "http://127.0.0.1:\(port)/?token=\(token)" }

    /// Serves until SIGINT or SIGTERM; `listening` is told the port once the server listens.
    public func run(listening: @escaping @Sendable (Int) -> Void) async throws {
        let bound = BoundPort()
        var logger = Logger(label: "audiobook-review")
        logger.logLevel = .error
        let app = Application(
            router: router(bound: bound),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                bound.set(port)
                listening(port)
            },
            logger: logger)
        try await app.runService()
    }

    func router(bound: BoundPort) -> Router<BasicRequestContext> {
        let router = Router()
        let session = self.session
        router.add(middleware: ReviewGuard(token: token, port: bound))
        router.get("/") { _, _ in ReviewServer.page(.indexHTML) }
        router.get("/review.css") { _, _ in ReviewServer.page(.reviewCSS) }
        router.get("/review.js") { _, _ in ReviewServer.page(.reviewJS) }
        router.get("/api/script") { _, _ in try await answer { try await session.scriptJSON() } }
        router.patch("/api/lines/:id") { request, context in
            let body = try await ReviewServer.body(request)
            let id = context.parameters.get("id") ?? ""
            return try await answer { try await session.reassign(line: id, body: body) }
        }
        router.get("/api/lines/:id/audio") { _, context in
            let id = context.parameters.get("id") ?? ""
            return try await wav { try await session.lineAudio(id) }
        }
        router.get("/api/speakers") { _, _ in try await answer { try await session.speakers() } }
        router.get("/api/voices") { _, _ in try await answer { try await session.installedVoices() } }
        router.put("/api/speakers/:name/voice") { request, context in
            let body = try await ReviewServer.body(request)
            let name = context.parameters.get("name") ?? ""
            return try await answer { try await session.keepVoice(name, body: body) }
        }
        router.post("/api/speakers/:name/audition") { request, context in
            let body = try await ReviewServer.body(request)
            let name = context.parameters.get("name") ?? ""
            return try await wav { try await session.audition(name, body: body) }
        }
        router.post("/api/save") { _, _ in try await answer { try await session.save() } }
        return router
    }

    /// The largest request body taken (a voice or a speaker is a few dozen bytes).
    static let bodyLimit = 64 * 1024

    static func body(_ request: Request) async throws -> Data {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: bodyLimit)
            return Data(buffer.readableBytesView)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the request body is larger than \(bodyLimit) bytes")
        }
    }

    enum PageFile {
        case indexHTML, reviewCSS, reviewJS
    }

    static func page(_ file: PageFile) -> Response {
        let (bytes, type): ([UInt8], String) =
            switch file {
            case .indexHTML: (PackageResources.index_html, "text/html; charset=utf-8")
            case .reviewCSS: (PackageResources.review_css, "text/css; charset=utf-8")
            case .reviewJS: (PackageResources.review_js, "text/javascript; charset=utf-8")
            }
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        headers[.contentSecurityPolicy] =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; media-src 'self' blob:; img-src 'self' data:; frame-ancestors 'none'"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A JSON answer, or the session's error as a 4xx/5xx with its one-line message.
private func answer(_ work: () async throws -> Data) async throws -> Response {
    let data = try await failing(work)
    return Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
}

/// A WAV answer; `X-Audio-Source` says whether it came from the render or was spoken now.
private func wav(_ work: () async throws -> LineAudio.Clip) async throws -> Response {
    let clip = try await failing(work)
    var headers: HTTPFields = [.contentType: "audio/wav", .cacheControl: "no-store"]
    headers[HTTPField.Name("X-Audio-Source")!] = clip.source.rawValue
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: clip.wav)))
}

private func failing<T>(_ work: () async throws -> T) async throws -> T {
    do {
        return try await work()
    } catch let error as ReviewError {
        throw HTTPError(HTTPResponse.Status(code: error.status), message: error.message)
    }
}

/// The port the server listens on, known once it is bound.
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    func set(_ value: Int) { lock.withLock { port = value } }
    var value: Int? { lock.withLock { port } }
}

/// Refuses a request whose `Host` is not this server (403), and an `/api/` request without the
/// run's token (403), given as `?token=` or `Authorization: Bearer`.
struct ReviewGuard<Context: RequestContext>: RouterMiddleware {
    let token: String
    let port: BoundPort

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let port = port.value else {
            throw HTTPError(.serviceUnavailable, message: "the server is not listening yet")
        }
        let host = (request.head.authority ?? "").lowercased()
        guard host == "127.0.0.1:\(port)" || host == "localhost:\(port)" else {
            throw HTTPError(
                .forbidden, message: "this server answers only as 127.0.0.1:\(port) or localhost:\(port)")
        }
        if request.uri.path.hasPrefix("/api/") {
            let query = request.uri.queryParameters.get("token")
            let header = request.headers[.authorization].flatMap { value -> String? in
                value.hasPrefix("Bearer ") ? String(value.dropFirst(7)) : nil
            }
            guard query == token || header == token else {
                throw HTTPError(.forbidden, message: "a request of the review page's API needs the page's token")
            }
        }
        return try await next(request, context)
    }
}
