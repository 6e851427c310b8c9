// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "AstroKit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AstroKit", targets: ["AstroKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // CFITSIO from Debian's libcfitsio-dev, found through pkg-config.
        .systemLibrary(
            name: "CFITSIO",
            pkgConfig: "cfitsio",
            providers: [.apt(["libcfitsio-dev"])]
        ),
        .target(name: "AstroKit", dependencies: ["CFITSIO"]),
        .testTarget(name: "AstroKitTests", dependencies: ["AstroKit"]),
    ],
    swiftLanguageModes: [.v6]
)
