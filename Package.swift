// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "AstroKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AstroKit", targets: ["AstroKit"]),
        .library(name: "Config_VIS", targets: ["Config_VIS"]),
        .executable(name: "adinfo", targets: ["adinfo"]),
        .executable(name: "reduce", targets: ["reduce"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // CFITSIO from Debian's libcfitsio-dev, found through pkg-config.
        .systemLibrary(
            name: "CFITSIO",
            pkgConfig: "cfitsio",
            providers: [.apt(["libcfitsio-dev"])]
        ),
        .target(name: "AstroKit", dependencies: ["CFITSIO", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Config_VIS", dependencies: ["AstroKit"], resources: [.copy("Lookups")]),
        .executableTarget(
            name: "adinfo",
            dependencies: [
                "AstroKit", "Config_VIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "reduce",
            dependencies: [
                "AstroKit", "Config_VIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AstroKitTests", dependencies: ["AstroKit"]),
        .testTarget(name: "Config_VISTests", dependencies: ["Config_VIS", "AstroKit"]),
        .testTarget(name: "adinfoTests", dependencies: ["adinfo", "AstroKit"]),
        .testTarget(name: "reduceTests", dependencies: ["reduce", "AstroKit"]),
    ],
    swiftLanguageModes: [.v6]
)
