// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "audiobook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "audiobook", targets: ["audiobook"]),
        .library(name: "AudiobookCore", targets: ["AudiobookCore"]),
        .library(name: "AudiobookRender", targets: ["AudiobookRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        // The only door to libespeak-ng: a modulemap over a one-line shim header.
        .systemLibrary(
            name: "CEspeakNG",
            pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev"])]
        ),
        // Everything that needs no audio: manuscripts, structure, quotations,
        // characters, attribution, the script and its forms, cast files.
        .target(
            name: "AudiobookCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Speech and audio: the espeak-ng owner, WAV files, pauses, cue files, the render pipeline.
        .target(
            name: "AudiobookRender",
            dependencies: [
                "AudiobookCore", "CEspeakNG", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The review page: a local HTTP server (Hummingbird) over the script, its voices and line audio,
        // and the page itself (plain HTML, CSS and JavaScript, embedded in the binary).
        .target(
            name: "AudiobookReview",
            dependencies: [
                "AudiobookCore", "AudiobookRender", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [
                .embedInCode("Page/index.html"), .embedInCode("Page/review.css"), .embedInCode("Page/review.js"),
            ]
        ),
        .executableTarget(
            name: "audiobook",
            dependencies: [
                "AudiobookCore",
                "AudiobookRender",
                "AudiobookReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AudiobookCoreTests",
            dependencies: ["AudiobookCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "AudiobookRenderTests",
            dependencies: ["AudiobookRender"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "audiobook", "AudiobookCore", "AudiobookRender",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
