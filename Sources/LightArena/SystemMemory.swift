// The C library, for `malloc` and `free`: the standard library's own
// allocation (`UnsafeMutableRawPointer.allocate`) stops the program when the
// system is out of memory, and an arena's `try` methods must throw instead.
// Each platform names its C library module differently; every one of them
// has `malloc` and `free`.
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Android)
import Android
#elseif canImport(Bionic)
import Bionic
#elseif canImport(WASILibc)
import WASILibc
#elseif canImport(ucrt)
import ucrt
#else
#error("LightArena needs a C library that provides malloc and free")
#endif

/// The arena's only contact with the system allocator.
enum SystemMemory {
  /// `byteCount` bytes from `malloc`, or `nil` if the system cannot provide them.
  static func obtain(byteCount: Int) -> UnsafeMutableRawPointer? {
    malloc(byteCount)
  }

  /// Gives back memory obtained from ``obtain(byteCount:)``.
  static func giveBack(_ pointer: UnsafeMutableRawPointer) {
    free(pointer)
  }
}
