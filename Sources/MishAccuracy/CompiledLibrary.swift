import Foundation

public struct CompileError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// C source compiled by the system compiler into a shared object and loaded with dlopen; the object is
/// unloaded and its directory removed when the last reference goes.
public final class CompiledLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    /// The build directory, removed with the library (nil when loaded from the cache).
    let directory: URL?
    /// The compiler's warnings (the build succeeded).
    public let warnings: String

    /// The flags of `verify`: optimised, no contraction of a*b+c into fma (the result would depend on
    /// the compiler), position-independent for loading.
    public static let flags = ["-std=gnu11", "-O2", "-ffp-contract=off", "-fPIC", "-shared"]
    /// Added by default: the host's instruction set, so that fma() is one instruction instead of a call
    /// into libm, and the vectoriser's full cost model (at -O2 gcc vectorises only trivial loops). Results
    /// are unchanged: fma is exact either way, and contraction stays off.
    public static let hostFlags = ["-march=native", "-fvect-cost-model=dynamic"]

    /// Compiles `files` (name → text; the .c files are the translation units, others are headers beside
    /// them) with `cc` (or $CC) and loads the result. `cached`: the shared object is kept in the cache
    /// directory (``cacheDirectory``) under a hash of the compiler's version, the flags (with the processor's
    /// features for -march=native) and the files, and loaded from there next time (the reference's source
    /// takes seconds to compile).
    public init(files: [(name: String, text: String)], extraFlags: [String] = CompiledLibrary.hostFlags, includeDirectories: [String] = [],
                cached: Bool = false) throws {
        let compiler = ProcessInfo.processInfo.environment["CC"] ?? "cc"
        let arguments = CompiledLibrary.flags + extraFlags + includeDirectories.map { "-I" + $0 }
        var cachedObject: URL?
        if cached, let cache = CompiledLibrary.cacheDirectory {
            let processor = arguments.contains("-march=native")
                ? ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n").first { $0.hasPrefix("flags") }).map(String.init) ?? ""
                : ""
            var key = CompiledLibrary.fnv1a(([compiler, CompiledLibrary.compilerVersion(compiler), processor] + arguments).joined(separator: "\u{0}"))
            for f in files { key = CompiledLibrary.fnv1a(f.name + "\u{0}" + f.text, seed: key) }
            cachedObject = cache.appendingPathComponent(String(format: "lib%016llx.so", key))
            if let object = cachedObject, let h = dlopen(object.path, RTLD_NOW | RTLD_LOCAL) {
                handle = h
                directory = nil
                warnings = ""
                return
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mish-verify-\(UUID().uuidString)")
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            for f in files { try f.text.write(to: directory.appendingPathComponent(f.name), atomically: true, encoding: .utf8) }
            let library = directory.appendingPathComponent("libverify.so").path
            let units = files.filter { $0.name.hasSuffix(".c") }.map { directory.appendingPathComponent($0.name).path }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [compiler] + arguments + ["-o", library] + units + ["-lm"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CompileError(description: "the C compiler failed:\n" + message)
            }
            warnings = message
            guard let h = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
                throw CompileError(description: "cannot load the compiled library: " + String(cString: dlerror()))
            }
            handle = h
            if let object = cachedObject {
                let partial = object.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).so")
                if (try? FileManager.default.copyItem(atPath: library, toPath: partial.path)) != nil {
                    if rename(partial.path, object.path) != 0 { try? FileManager.default.removeItem(at: partial) }
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// $MISH_CACHE_DIR, else $XDG_CACHE_HOME/mish-math, else ~/.cache/mish-math; nil when it cannot be
    /// created (then nothing is cached).
    public static var cacheDirectory: URL? {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["MISH_CACHE_DIR"] ?? environment["XDG_CACHE_HOME"].map { $0 + "/mish-math" }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/mish-math").path
        guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// `compiler -dumpfullversion -dumpversion` (empty when it fails), part of the cache key.
    static func compilerVersion(_ compiler: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [compiler, "-dumpfullversion", "-dumpversion"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func fnv1a(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Set MISH_VERIFY_KEEP=1 to keep the sources and the shared object (their directory goes to stderr).
    deinit {
        dlclose(handle)
        guard let directory else { return }
        if ProcessInfo.processInfo.environment["MISH_VERIFY_KEEP"] == "1" {
            FileHandle.standardError.write(Data("kept \(directory.path)\n".utf8))
        } else {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// The address of an exported symbol, nil when the library has none of that name.
    public func address(of name: String) -> UnsafeMutableRawPointer? { dlsym(handle, name) }

    /// An exported function as a Swift function type.
    func function<T>(_ name: String, as type: T.Type) throws -> T {
        guard let p = dlsym(handle, name) else { throw CompileError(description: "the library has no symbol \(name)") }
        return unsafeBitCast(p, to: type)
    }
}
