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
        .executable(name: "reduce", targets: ["reduce"]),
        .executable(name: "caldb", targets: ["caldb"]),
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
        // GSL (GNU Scientific Library) from Debian's libgsl-dev: linear and non-linear least
        // squares, robust regression, interpolation and special functions.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // libcrypto from Debian's libssl-dev: SHA-256 of datasets and calibration files (uses the
        // CPU's SHA instructions: about 9x our former Swift implementation).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        // libpng from Debian's libpng-dev: report thumbnails encoded to PNG, screenshots read back.
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        // Self-contained HTML reports: sections, pass/fail tables, SVG charts, image thumbnails.
        .target(name: "Reports", dependencies: ["CPNG"]),
        .target(name: "AstroKit", dependencies: ["CFITSIO", "CGSL", "COpenSSL", .product(name: "GRDB", package: "GRDB.swift")]),
        // Prints timings of the statistics and 2-D fitting kernels on quadrant-sized images.
        .executableTarget(name: "astrokit-bench", dependencies: ["AstroKit"]),
        .target(name: "Config_VIS", dependencies: ["AstroKit"], resources: [.copy("Lookups")]),
        .target(name: "Recipes_VIS", dependencies: ["Config_VIS", "AstroKit", "Reports"]),
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
        // The reduce command as a library, so front ends differ only in the modules they register.
        .target(
            name: "ReduceCommand",
            dependencies: ["AstroKit", "Reports", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "reduce",
            dependencies: [
                "AstroKit", "Config_VIS", "Recipes_VIS", "ReduceCommand",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The calibration database's command line: init, add, list, remove, explain.
        .executableTarget(
            name: "caldb",
            dependencies: [
                "AstroKit", "Config_VIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A fictitious instrument (CAM) for the recipe-system tests, and reduce built with it.
        .target(name: "CAMFixture", dependencies: ["AstroKit"], path: "Tests/Fixtures/CAMFixture",
                exclude: ["recipes"]),
        .executableTarget(name: "reduce-cam", dependencies: ["CAMFixture", "ReduceCommand"],
                          path: "Tests/Fixtures/reduce-cam"),
        .testTarget(name: "AstroKitTests", dependencies: ["AstroKit", "CAMFixture", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "Config_VISTests", dependencies: ["Config_VIS", "AstroKit"]),
        // VISSimulator generates the data with known truth that the analysis tests assert against.
        .testTarget(name: "Recipes_VISTests", dependencies: ["Recipes_VIS", "Config_VIS", "AstroKit", "VISSimulator", "Reports"]),
        // Runs built tools from the tests (shared by the end-to-end test targets).
        .target(name: "TestTools", path: "Tests/TestTools"),
        .testTarget(name: "adinfoTests", dependencies: ["adinfo", "AstroKit", "Config_VIS", "Recipes_VIS", "TestTools"]),
        .testTarget(name: "VISSimulatorTests", dependencies: ["VISSimulator", "Recipes_VIS", "Config_VIS", "AstroKit"]),
        .testTarget(name: "caldbTests", dependencies: ["caldb", "AstroKit", "Config_VIS", "TestTools"]),
        .testTarget(name: "reduceTests", dependencies: ["reduce", "reduce-cam", "CAMFixture", "AstroKit", "TestTools"]),
        // The VIS tests end to end: the built reduce on small simulated data, against truth.json.
        .testTarget(name: "VISTestsEndToEnd", dependencies: ["reduce", "vissim", "VISSimulator", "Recipes_VIS", "Config_VIS", "AstroKit", "TestTools", "Reports"]),
    ],
    swiftLanguageModes: [.v6]
)
