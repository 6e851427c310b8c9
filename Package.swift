// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "AstroKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AstroKit", targets: ["AstroKit"]),
        .library(name: "Config_VIS", targets: ["Config_VIS"]),
        .library(name: "Recipes_VIS", targets: ["Recipes_VIS"]),
        .library(name: "VISSimulator", targets: ["VISSimulator"]),
        .executable(name: "adinfo", targets: ["adinfo"]),
        .executable(name: "vissim", targets: ["vissim"]),
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
        .target(name: "Config_VIS", dependencies: ["AstroKit"], resources: [.copy("Lookups")]),
        .target(name: "Recipes_VIS", dependencies: ["Config_VIS", "AstroKit"]),
        .executableTarget(
            name: "adinfo",
            dependencies: [
                "AstroKit", "Config_VIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The VIS data simulator with known truth, and its command-line front end.
        .target(name: "VISSimulator", dependencies: ["AstroKit", "Config_VIS", "Recipes_VIS"]),
        .executableTarget(
            name: "vissim",
            dependencies: [
                "VISSimulator", "Recipes_VIS", "Config_VIS", "AstroKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AstroKitTests", dependencies: ["AstroKit"]),
        .testTarget(name: "Config_VISTests", dependencies: ["Config_VIS", "AstroKit"]),
        .testTarget(name: "Recipes_VISTests", dependencies: ["Recipes_VIS", "Config_VIS", "AstroKit"]),
        .testTarget(name: "adinfoTests", dependencies: ["adinfo", "AstroKit", "Config_VIS", "Recipes_VIS"]),
        .testTarget(name: "VISSimulatorTests", dependencies: ["VISSimulator", "Recipes_VIS", "Config_VIS", "AstroKit"]),
    ],
    swiftLanguageModes: [.v6]
)
