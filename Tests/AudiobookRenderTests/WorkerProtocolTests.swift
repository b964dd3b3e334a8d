import Foundation
import Testing
@testable import AudiobookRender

@Suite("Worker protocol")
struct WorkerProtocolTests {
    @Test("an audio frame and a failure frame come back as they were sent; a partial frame waits for more")
    func frames() throws {
        let audio = SpokenAudio(samples: [1, -1, 32767, -32768], events: [SpeechEvent(kind: .word, textPosition: 1, audioPositionMilliseconds: 5)])
        let bytes = [UInt8](WorkerProtocol.encode(.audio(index: 7, audio)) + WorkerProtocol.encode(.failure(index: 8, message: "crashed")))
        let (first, length) = try #require(WorkerProtocol.decodeRaw(bytes, from: 0))
        #expect(first == .audio(index: 7, pcm: [1, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x80]))
        #expect(length == 12 + 8 + 9)
        let (second, rest) = try #require(WorkerProtocol.decodeRaw(bytes, from: length))
        #expect(second == .failure(index: 8, message: "crashed"))
        #expect(length + rest == bytes.count)
        for cut in [1, 7, 12, 20, length - 1] {
            #expect(WorkerProtocol.frameLength(Array(bytes[0..<cut]), from: 0) == nil)
        }
    }

    @Test("writing a frame to a descriptor gives the same bytes as encoding it")
    func write() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let audio = SpokenAudio(samples: Array(repeating: 300, count: 1000), events: [])
        #expect(WorkerProtocol.write(.audio(index: 3, audio), to: descriptors[1]))
        close(descriptors[1])
        let received = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile()
        #expect(received == WorkerProtocol.encode(.audio(index: 3, audio)))
    }
}
