import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `audiobook review`'s HTTP API against its contract (FORMATS.md, "Review page"): every row,
/// the 403s of the token and the Host check, the 4xx of malformed requests (after which the
/// server still serves), atomic saving, and a saved script rendering as the same edit by hand.
@Suite(.serialized)
struct ReviewAPITests {
    @Test func everyRowOfTheContract() throws {
        let review = try ReviewProcess()
        defer { review.stop() }
        // GET /: the page, and what it loads.
        let page = try review.request("GET", "/", token: false)
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("review.js"))
        #expect(try review.request("GET", "/review.js", token: false).status == 200)
        #expect(try review.request("GET", "/review.css", token: false).status == 200)

        // GET /api/script: `script --format json`, every line with its id over the whole book.
        let script = try review.json("GET", "/api/script") as! [String: Any]
        let printed = try CommandRunner.run(
            ["script", "lighthouse.md", "--cast", "lighthouse.cast.yaml", "--format", "json"], in: review.folder)
        #expect(printed.status == 0)
        let expected = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as! [String: Any]
        var lines = ReviewProcess.lines(of: script)
        #expect(lines.map { $0["id"] as? Int } == Array(0..<lines.count))
        let withoutIDs = lines.map { $0.filter { $0.key != "id" } as NSDictionary }
        #expect(withoutIDs == ReviewProcess.lines(of: expected).map { $0 as NSDictionary })
        #expect(script["characters"] as? NSArray == expected["characters"] as? NSArray)

        // PATCH /api/lines/ID
        let dialogue = lines.firstIndex { $0["kind"] as? String == "dialogue" }!
        let narration = lines.firstIndex { $0["kind"] as? String == "narration" }!
        let patched = try review.request("PATCH", "/api/lines/\(dialogue)", body: #"{"speaker": "Harbourmaster"}"#)
        #expect(patched.status == 200)
        let line = try JSONSerialization.jsonObject(with: patched.body) as! [String: Any]
        #expect(line["id"] as? Int == dialogue)
        #expect(line["speaker"] as? String == "Harbourmaster")
        #expect(line["rule"] as? String == "edited")
        #expect(line["text"] as? String == lines[dialogue]["text"] as? String)
        lines = ReviewProcess.lines(of: try review.json("GET", "/api/script") as! [String: Any])
        #expect(lines[dialogue]["speaker"] as? String == "Harbourmaster")
        #expect(try review.request("PATCH", "/api/lines/\(narration)", body: #"{"speaker": "Dominic"}"#).status == 400)
        #expect(
            try review.request("PATCH", "/api/lines/\(lines.count)", body: #"{"speaker": "Dominic"}"#).status == 404)

        // GET /api/lines/ID/audio: a WAV of that line alone.
        let audio = try review.request("GET", "/api/lines/\(dialogue)/audio")
        #expect(audio.status == 200)
        #expect(audio.headers["content-type"] == "audio/wav")
        #expect(audio.body.prefix(4) == Data("RIFF".utf8))
        let dataSize = audio.body[40..<44].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        #expect(Int(dataSize) == audio.body.count - 44)
        #expect(audio.body.count > 44 + 22_050 / 5)  // at least a fifth of a second of speech
        #expect(try review.request("GET", "/api/lines/\(lines.count)/audio").status == 404)

        // GET /api/speakers
        let speakers = try review.json("GET", "/api/speakers") as! [[String: Any]]
        let names = speakers.compactMap { $0["name"] as? String }
        #expect(names.first == "narrator")
        #expect(names.contains("Harbourmaster"))
        for speaker in speakers {
            #expect(speaker["gender"] is String)
            #expect(speaker["lines"] is Int)
            #expect(speaker["automatic"] is Bool)
            let profile = speaker["profile"] as? [String: Any]
            #expect(profile?["voice"] is String)
            #expect(profile?["rate"] is Int)
        }
        let harbourmaster = speakers.first { $0["name"] as? String == "Harbourmaster" }!
        #expect(harbourmaster["automatic"] as? Bool == true)
        #expect(harbourmaster["lines"] as? Int == 1)

        // Beyond the contract: a voice tried on a line (nothing written), and the installed voices.
        let dominicProfile = review.folder.appendingPathComponent("Voices/Dominic.yaml")
        let dominicBefore = try Data(contentsOf: dominicProfile)
        let tried = try review.request(
            "POST", "/api/speakers/Dominic/audition", body: #"{"voice": "en-us", "rate": 300, "line": \#(dialogue)}"#)
        #expect(tried.status == 400, "line \(dialogue) is the Harbourmaster's now, not Dominic's: \(tried.text)")
        let dominicLine = lines.firstIndex { $0["speaker"] as? String == "Dominic" }!
        let fast = try review.request(
            "POST", "/api/speakers/Dominic/audition", body: #"{"voice": "en-us", "rate": 400, "line": \#(dominicLine)}"#
        )
        let slow = try review.request(
            "POST", "/api/speakers/Dominic/audition", body: #"{"voice": "en-us", "rate": 100, "line": \#(dominicLine)}"#
        )
        #expect(fast.status == 200 && slow.status == 200 && fast.headers["content-type"] == "audio/wav")
        #expect(
            slow.body.count > fast.body.count * 2, "a slower voice is longer: \(slow.body.count) vs \(fast.body.count)")
        #expect(try review.request("POST", "/api/speakers/Dominic/audition", body: #"{"rate": 100}"#).status == 400)
        #expect(try Data(contentsOf: dominicProfile) == dominicBefore, "trying a voice writes nothing")
        let installed = try review.json("GET", "/api/voices") as! [String: Any]
        #expect((installed["voices"] as? [[String: Any]])?.contains { $0["language"] as? String == "en-us" } == true)

        // PUT /api/speakers/NAME/voice: the profile file, checked like any profile.
        let kept = try review.request(
            "PUT", "/api/speakers/Harbourmaster/voice",
            body: #"{"voice": "en-gb-scotland", "variant": "m2", "rate": 140, "pitch": 30}"#)
        #expect(kept.status == 200)
        let entry = try JSONSerialization.jsonObject(with: kept.body) as! [String: Any]
        #expect(entry["automatic"] as? Bool == false)
        #expect((entry["profile"] as? [String: Any])?["rate"] as? Int == 140)
        let written = try String(
            contentsOf: review.folder.appendingPathComponent("Voices/Harbourmaster.yaml"), encoding: .utf8)
        #expect(written.contains("voice: en-gb-scotland"))
        #expect(written.contains("rate: 140"))
        let check = try CommandRunner.run(
            ["cast", "lighthouse.md", "--cast", "lighthouse.cast.yaml"], in: review.folder)
        #expect(check.status == 0, "the written profile reads back: \(check.stderr)")
        let bad = try review.request(
            "PUT", "/api/speakers/Harbourmaster/voice", body: #"{"voice": "en-us", "rate": 9999}"#)
        #expect(bad.status == 400)
        #expect(bad.text.contains("rate"))
        #expect(!bad.text.contains("\n"))
        #expect(
            try review.request("PUT", "/api/speakers/Harbourmaster/voice", body: #"{"voice": "xx-nowhere"}"#).status
                == 400)
        #expect(try review.request("PUT", "/api/speakers/Nobody/voice", body: #"{"voice": "en-us"}"#).status == 404)
        #expect(
            written
                == (try String(
                    contentsOf: review.folder.appendingPathComponent("Voices/Harbourmaster.yaml"), encoding: .utf8)))

        // POST /api/save: the text form, atomically, where --save says.
        let saved = try review.json("POST", "/api/save") as! [String: Any]
        #expect(saved["path"] as? String == "edited.script")
        #expect(saved["lines"] as? Int == lines.count)
        let text = try String(contentsOf: review.folder.appendingPathComponent("edited.script"), encoding: .utf8)
        #expect(text.contains("Harbourmaster > \""))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: review.folder.path).filter {
            $0.contains("edited.script") && $0 != "edited.script"
        }
        #expect(leftovers.isEmpty, "no temporary file left beside the script: \(leftovers)")
    }

    @Test func theTokenAndTheHostAreChecked() throws {
        let review = try ReviewProcess()
        defer { review.stop() }
        let routes: [(String, String, String?)] = [
            ("GET", "/api/script", nil), ("PATCH", "/api/lines/1", #"{"speaker": "Dominic"}"#),
            ("GET", "/api/lines/1/audio", nil), ("GET", "/api/speakers", nil),
            ("PUT", "/api/speakers/Dominic/voice", #"{"voice": "en-us"}"#), ("POST", "/api/save", nil),
        ]
        for (method, path, body) in routes {
            #expect(try review.request(method, path, body: body, token: false).status == 403, "\(method) \(path)")
            let wrong = try review.request(method, path + "?token=0123", body: body, token: false)
            #expect(wrong.status == 403, "\(method) \(path) with a wrong token")
            let elsewhere = try review.request(method, path, body: body, host: "attacker.example:\(review.port)")
            #expect(elsewhere.status == 403, "\(method) \(path) for another Host")
            let otherPort = try review.request(method, path, body: body, host: "127.0.0.1:1")
            #expect(otherPort.status == 403, "\(method) \(path) for another port")
        }
        #expect(try review.request("GET", "/", token: false, host: "attacker.example").status == 403)
        // The token as a query parameter, and localhost as the Host, are accepted.
        #expect(try review.request("GET", "/api/speakers?token=\(review.token)", token: false).status == 200)
        #expect(try review.request("GET", "/api/speakers", host: "localhost:\(review.port)").status == 200)
        #expect(!FileManager.default.fileExists(atPath: review.folder.appendingPathComponent("edited.script").path))
    }

    @Test func malformedRequestsGetOneLine4xxAndTheServerGoesOn() throws {
        let review = try ReviewProcess()
        defer { review.stop() }
        let cases: [(String, String, String?, Int)] = [
            ("PATCH", "/api/lines/1", "not json", 400),
            ("PATCH", "/api/lines/1", #"{"speaker": 3}"#, 400),
            ("PATCH", "/api/lines/1", #"{"name": "Dominic"}"#, 400),
            ("PATCH", "/api/lines/1", #"{"speaker": "Dominic", "extra": 1}"#, 400),
            ("PATCH", "/api/lines/1", #"{"speaker": ""}"#, 400),
            ("PATCH", "/api/lines/1", #"{"speaker": "A > \"B"}"#, 400),
            ("PATCH", "/api/lines/-1", #"{"speaker": "Dominic"}"#, 400),
            ("PATCH", "/api/lines/abc", #"{"speaker": "Dominic"}"#, 400),
            ("PATCH", "/api/lines/999999", #"{"speaker": "Dominic"}"#, 404),
            ("GET", "/api/lines/abc/audio", nil, 400),
            ("PUT", "/api/speakers/Dominic/voice", "[1, 2]", 400),
            ("PUT", "/api/speakers/Dominic/voice", #"{"voice": "en-us", "colour": "red"}"#, 400),
            ("PUT", "/api/speakers/Dominic/voice", #"{"rate": 150}"#, 400),
            ("PUT", "/api/speakers/Dominic/voice", #"{"voice": "en-us", "pitch": "high"}"#, 400),
            ("PUT", "/api/speakers/unknown/voice", #"{"voice": "en-us"}"#, 404),
            ("PUT", "/api/speakers/..%2F..%2Fescape/voice", #"{"voice": "en-us"}"#, 404),
            ("GET", "/api/nothing", nil, 404),
        ]
        for (method, path, body, status) in cases {
            let answer = try review.request(method, path, body: body)
            #expect(answer.status == status, "\(method) \(path) \(body ?? ""): \(answer.status) \(answer.text)")
            #expect(!answer.text.trimmingCharacters(in: .whitespacesAndNewlines).contains("\n"), "\(answer.text)")
        }
        let huge = try review.request(
            "PATCH", "/api/lines/1", body: "{\"speaker\": \"" + String(repeating: "x", count: 200_000) + "\"}")
        #expect(huge.status == 413)
        // Not HTTP at all, then a request cut off halfway: the server still answers the next one.
        _ = try? review.raw(Data("NOT HTTP AT ALL\r\n\r\n".utf8))
        _ = try? review.raw(
            Data("PATCH /api/lines/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n{\"sp".utf8))
        #expect(try review.request("GET", "/api/speakers").status == 200)
        // A speaker named like a path stays a file inside the voices folder.
        let line = ReviewProcess.lines(of: try review.json("GET", "/api/script") as! [String: Any]).firstIndex {
            $0["kind"] as? String == "dialogue"
        }!
        #expect(try review.request("PATCH", "/api/lines/\(line)", body: #"{"speaker": "../../outside"}"#).status == 200)
        let kept = try review.request(
            "PUT", "/api/speakers/..%2F..%2Foutside/voice", body: #"{"voice": "en-us"}"#)
        #expect(kept.status == 200, "\(kept.text)")
        let voices = try FileManager.default.contentsOfDirectory(
            atPath: review.folder.appendingPathComponent("Voices").path)
        #expect(voices.contains("_.._outside.yaml"), "\(voices)")
        #expect(
            !FileManager.default.fileExists(
                atPath: review.folder.deletingLastPathComponent().appendingPathComponent("outside.yaml").path))
        // A speaker whose file would be the folder's own pauses.yaml is refused.
        #expect(try review.request("PATCH", "/api/lines/\(line)", body: #"{"speaker": "pauses"}"#).status == 200)
        #expect(try review.request("PUT", "/api/speakers/pauses/voice", body: #"{"voice": "en-us"}"#).status == 400)
        #expect(try review.request("GET", "/api/script").status == 200)
        #expect(review.stop() == 0, "review exits 0 on SIGTERM")
    }

    /// A script saved from the page renders to the same audio as the same edit made by hand.
    @Test func aSavedScriptRendersAsTheSameEditByHand() throws {
        let review = try ReviewProcess()
        defer { review.stop() }
        let original = try CommandRunner.run(
            ["script", "lighthouse.md", "--cast", "lighthouse.cast.yaml"], in: review.folder)
        let lines = ReviewProcess.lines(of: try review.json("GET", "/api/script") as! [String: Any])
        let id = lines.firstIndex { $0["kind"] as? String == "dialogue" && $0["speaker"] as? String == "Dominic" }!
        #expect(
            try review.request("PATCH", "/api/lines/\(id)", body: #"{"speaker": "Marguerite Okafor"}"#).status == 200)
        #expect(try review.request("POST", "/api/save").status == 200)
        // By hand: that line's row in the text script gets the other speaker.
        let offsets = "[\(lines[id]["start"] as! Int)-\(lines[id]["end"] as! Int)]"
        var rows = original.stdout.components(separatedBy: "\n")
        let row = rows.firstIndex { $0.hasSuffix(offsets) && $0.contains(" > \"") }!
        rows[row] =
            "Marguerite Okafor > \"" + rows[row].components(separatedBy: " > \"").dropFirst().joined(separator: " > \"")
        try rows.joined(separator: "\n").write(
            to: review.folder.appendingPathComponent("by-hand.script"), atomically: true, encoding: .utf8)
        for (script, output) in [("edited.script", "from-page"), ("by-hand.script", "by-hand")] {
            let render = try CommandRunner.run(
                ["render", script, "--cast", "lighthouse.cast.yaml", "--output", output, "--quiet"], in: review.folder)
            #expect(render.status == 0, "\(render.stderr)")
        }
        let scenes = try FileManager.default.contentsOfDirectory(
            atPath: review.folder.appendingPathComponent("from-page/lighthouse").path
        ).filter { $0.hasSuffix(".wav") }.sorted()
        #expect(scenes.count == 3)
        for scene in scenes {
            let page = try Data(contentsOf: review.folder.appendingPathComponent("from-page/lighthouse/\(scene)"))
            let hand = try Data(contentsOf: review.folder.appendingPathComponent("by-hand/lighthouse/\(scene)"))
            #expect(page == hand, "\(scene) differs")
        }
    }
}

/// An `audiobook review` of the bundled example, running in a temporary folder.
final class ReviewProcess {
    let folder: URL
    let process = Process()
    let port: Int
    let token: String

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    init() throws {
        folder = try CommandRunner.temporaryDirectory()
        let examples = CommandRunner.packageRoot.appendingPathComponent("Examples")
        for name in ["lighthouse.md", "lighthouse.cast.yaml"] {
            try FileManager.default.copyItem(
                at: examples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(
            at: CommandRunner.packageRoot.appendingPathComponent("Voices"), to: folder.appendingPathComponent("Voices"))
        process.executableURL = CommandRunner.binary
        process.arguments = ["review", "lighthouse.md", "--cast", "lighthouse.cast.yaml", "--save", "edited.script"]
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = Data()
        var address: String?
        while address == nil {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
            address = String(decoding: printed, as: UTF8.self).components(separatedBy: "\n").first {
                $0.hasPrefix("review: ")
            }
        }
        guard let address, let url = URLComponents(string: String(address.dropFirst(8))), let port = url.port,
            let token = url.queryItems?.first(where: { $0.name == "token" })?.value
        else {
            process.terminate()
            throw ReviewTestError.noAddress(String(decoding: printed, as: UTF8.self))
        }
        #expect(url.host == "127.0.0.1")
        self.port = port
        self.token = token
    }

    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
        return process.terminationStatus
    }

    static func lines(of script: [String: Any]) -> [[String: Any]] {
        (script["scenes"] as! [[String: Any]]).flatMap { $0["lines"] as! [[String: Any]] }
    }

    func json(_ method: String, _ path: String, body: String? = nil) throws -> Any {
        let answer = try request(method, path, body: body)
        guard answer.status == 200 else { throw ReviewTestError.status(answer.status, answer.text) }
        return try JSONSerialization.jsonObject(with: answer.body)
    }

    /// One HTTP/1.1 request on a socket of its own; `token` sends the run's token as a Bearer header.
    func request(
        _ method: String, _ path: String, body: String? = nil, token: Bool = true, host: String? = nil
    ) throws -> Answer {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        if token { head += "Authorization: Bearer \(self.token)\r\n" }
        let bytes = Data((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(bytes.count)\r\n\r\n"
        let response = try raw(Data(head.utf8) + bytes)
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else {
            throw ReviewTestError.status(0, String(decoding: response, as: UTF8.self))
        }
        let lines = String(decoding: response[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return Answer(status: status, headers: headers, body: Data(response[split.upperBound...]))
    }

    /// Sends bytes and reads until the server closes the connection (or 10 s pass).
    func raw(_ bytes: Data) throws -> Data {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ReviewTestError.socket("socket") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ReviewTestError.socket("connect") }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { break }
            sent += count
        }
        shutdown(socket, Int32(SHUT_WR))
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        return response
    }
}

enum ReviewTestError: Error {
    case noAddress(String)
    case status(Int, String)
    case socket(String)
}
