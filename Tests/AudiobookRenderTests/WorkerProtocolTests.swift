import Foundation
import Testing

@testable import AudiobookRender

#if canImport(Glibc)
import Glibc
#endif

@Suite("Worker protocol")
struct WorkerProtocolTests {
    /// Writes `bytes` into a pipe, closes it, and reads frames back until the end.
    private func readBack(_ bytes: [UInt8]) -> [WorkerProtocol.ReadOutcome] {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        #expect(WorkerProtocol.writeAll(descriptors[1], bytes))
        close(descriptors[1])
        defer { close(descriptors[0]) }
        var outcomes: [WorkerProtocol.ReadOutcome] = []
        while outcomes.last != .ended, outcomes.count < 10 {
            outcomes.append(WorkerProtocol.readFrame(from: descriptors[0], deadline: Date().addingTimeInterval(10)))
        }
        return outcomes
    }

    @Test("an audio frame and a failure frame come back as they were sent; a cut frame is the end")
    func frames() throws {
        let audio = SpokenAudio(
            samples: [1, -1, 32767, -32768],
            events: [SpeechEvent(kind: .word, textPosition: 1, audioPositionMilliseconds: 5)])
        let first = [UInt8](WorkerProtocol.encode(.audio(index: 7, audio)))
        let bytes = first + [UInt8](WorkerProtocol.encode(.failure(index: 8, message: "crashed")))
        #expect(
            readBack(bytes) == [
                .frame(.audio(index: 7, pcm: [1, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x80])),
                .frame(.failure(index: 8, message: "crashed")),
                .ended,
            ])
        for cut in [1, 7, 12, 20, first.count - 1] {
            #expect(readBack(Array(first[0..<cut])) == [.ended])
        }
    }

    @Test(
        "a frame cut off by a killed child and followed by the next frame reads as garbled, never as a huge allocation"
    )
    func garbled() throws {
        let audio = SpokenAudio(samples: Array(repeating: 1234, count: 4000), events: [])
        let first = [UInt8](WorkerProtocol.encode(.audio(index: 0, audio)))
        let failure = [UInt8](WorkerProtocol.encode(.failure(index: 0, message: "stopped from outside (signal 9)")))
        // The samples cut short: the next frame's bytes are read as samples, then as the event count.
        let outcomes = readBack(Array(first[0..<(first.count - 8)]) + failure + Array(repeating: 0xFF, count: 64))
        #expect(outcomes.first == .garbled, "\(outcomes)")
        // A length no frame has: garbled at once.
        #expect(readBack([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]).first == .garbled)
        #expect(readBack([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).first == .garbled)
        // Cut off where the rest would pass for a frame: silence, then small numbers (the next frames).
        // The samples and the event count are read from what follows; only the frame's end shows it.
        let silent = [UInt8](
            WorkerProtocol.encode(.audio(index: 5, SpokenAudio(samples: Array(repeating: 0, count: 40), events: []))))
        let next = [UInt8](
            WorkerProtocol.encode(.audio(index: 5, SpokenAudio(samples: Array(repeating: 0, count: 40), events: []))))
        let cut = readBack(Array(silent[0..<50]) + next + next)
        #expect(cut.first == .garbled, "\(cut)")
        // Whole frames one after another still read as they were written.
        #expect(
            readBack(silent + next).prefix(2) == [
                .frame(.audio(index: 5, pcm: Array(repeating: 0, count: 80))),
                .frame(.audio(index: 5, pcm: Array(repeating: 0, count: 80))),
            ])
    }

    @Test("no frame before the deadline is a time-out")
    func timeOut() {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer {
            close(descriptors[0])
            close(descriptors[1])
        }
        #expect(WorkerProtocol.readFrame(from: descriptors[0], deadline: Date().addingTimeInterval(0.05)) == .timedOut)
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
