import Foundation
import Testing

/// The only tests that read ../shared: the annotated dev novels beside the checkout. They run only
/// where the corpus is, and are reported as skipped (with the reason) elsewhere; every other test
/// carries its own fixtures.
@Suite(
    "Corpus: the dev novels of ../shared/pdnc-dev, end to end", .serialized,
    .enabled(if: Corpus.isPresent, Corpus.absence))
struct CorpusTests {
    @Test(
        "corpus: the round trip on every dev novel of ../shared/pdnc-dev",
        .enabled(if: Corpus.isPresent, Corpus.absence),
        arguments: Corpus.novels)
    func corpusRoundTrip(_ manuscript: String) throws {
        try ScriptEditingTests.checkRoundTrip(manuscript)
    }
}

/// The annotated dev novels in ../shared/pdnc-dev beside the checkout: for measurement, and for the
/// few tests named `corpus:` that run only where the corpus is (they are reported as skipped elsewhere).
enum Corpus {
    static let folder = CommandRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/pdnc-dev")

    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// Why a corpus test did not run.
    static let absence: Comment = "needs the annotated corpus in ../shared/pdnc-dev, which is not beside this checkout"

    /// Every dev novel's text, or none when the corpus is not there.
    static var novels: [String] {
        guard isPresent else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { !$0.hasSuffix(".md") }.map {
            folder.appendingPathComponent("\($0)/novel_text.txt").path
        }
    }
}
