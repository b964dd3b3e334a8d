import Foundation
import Testing

/// The review page in headless Chromium (Debian's `chromium` and `chromium-driver`, driven by
/// selenium from PyPI; `make test` installs all three): scripts/review-browser-test.py loads the
/// page for a fixture book, checks every line with its speaker, plays a line, changes a speaker
/// with the keyboard, saves, and compares the saved script with the same edit made by hand.
/// Where Chromium is installed the test runs, and a missing driver or selenium fails it.
@Suite struct ReviewPageInChromiumTests {
    static let chromiumInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")

    @Test(.enabled(if: chromiumInstalled, "needs Chromium: apt-get install chromium chromium-driver (make test does)"))
    func reviewPageNeedsChromium() throws {
        let script = CommandRunner.packageRoot.appendingPathComponent("scripts/review-browser-test.py")
        let result = try CommandRunner.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", script.path, CommandRunner.binary.path, CommandRunner.fixture("platform-nine.txt").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 failed"), "\(result.stdout)")
    }
}
