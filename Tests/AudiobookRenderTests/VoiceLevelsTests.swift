import Foundation
import Testing

@testable import AudiobookRender

/// How two level measures make a voice's level.
@Suite("Voice levels")
struct VoiceLevelsTests {
    @Test("a voice's level comes from both measures; with the first lost (its worker killed), there is none to keep")
    func levelNeedsBothMeasures() throws {
        // At volume 100 the voice measured −30 dBFS; at the volume that asks for (−24 dB: 200), −24.5.
        let level = try #require(VoiceLevels.level(first: -30, volume: 200, second: -24.5))
        // The corrected volume is 200 × 10^(0.5/20): the level at volume 100 it implies is below −30.
        #expect(abs(level - (-24 - 20 * log10(2 * pow(10, 0.5 / 20)))) < 1e-9)
        #expect(level < -30)
        // The second measure alone (made at volume 100 because the first was lost) gives no level,
        // rather than the uncorrected one, which a later render would keep.
        #expect(VoiceLevels.level(first: nil, volume: 100, second: -30) == nil)
        #expect(VoiceLevels.level(first: -30, volume: 200, second: nil) == nil)
    }
}
