import Foundation

/// Why a file-system call failed, in words a user can act on (`permission denied`,
/// `no space left on device`, `/out is a file, not a folder`), never Foundation's
/// `The operation could not be completed. (NSCocoaErrorDomain error 512.)`.
public enum FileSystemReason {
    /// The reason behind a Foundation or POSIX error.
    public static func describe(_ error: any Error) -> String {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return describe(errno: Int32(error.code), path: path(of: error)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(underlying.code), path: path(of: error))
        }
        if error.domain == NSCocoaErrorDomain {
            switch error.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or directory"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            case NSFileWriteFileExistsError: return "a file of that name already exists"
            default: break
            }
        }
        return error.localizedFailureReason ?? error.localizedDescription
    }

    /// The reason behind an `errno` value; `path` names the file where that helps.
    public static func describe(errno code: Int32, path: String? = nil) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "no space left on device"
        case EDQUOT: return "disk quota exceeded"
        case EROFS: return "read-only file system"
        case ENOENT: return "no such file or directory"
        case EISDIR: return path.map { "\($0) is a directory, not a file" } ?? "it is a directory, not a file"
        case ENOTDIR:
            return path.map { "\(blockingFile(in: $0) ?? $0) is a file, not a directory" }
                ?? "a part of the path is a file, not a directory"
        case EEXIST: return "a file of that name already exists"
        case ENAMETOOLONG: return "the name is too long"
        case EFBIG: return "file too large (a file-size limit, or the file system's largest file)"
        case EIO: return "input/output error (a failing disk?)"
        case EMFILE, ENFILE: return "too many open files"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    static func path(of error: NSError) -> String? {
        (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
    }

    /// The first existing part of `path` that is a file, where a folder was needed.
    public static func blockingFile(in path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix = prefix.isEmpty ? "/\(part)" : prefix == "." ? String(part) : "\(prefix)/\(part)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) else { return nil }
            if !isDirectory.boolValue { return prefix }
        }
        return nil
    }
}
