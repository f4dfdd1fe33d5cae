#include "standard_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace rrflow::cli {
namespace {

constexpr const char* kDisplayName = "<stdin>";

// The path standard input is read through; empty until `-` is given.
std::string& StandardInputPath() {
  static std::string path;
  return path;
}

std::string SystemError(const char* what) { return fmt::format("{}: {}", what, std::strerror(errno)); }

// A file that no directory names, so that nothing is left behind when the
// process ends, however it ends.
int AnonymousFile() {
  const char* directory = std::getenv("TMPDIR");
  if (directory == nullptr || *directory == '\0') directory = "/tmp";
  const int fd = ::open(directory, O_TMPFILE | O_RDWR, 0600);
  if (fd >= 0) return fd;
  std::string name = fmt::format("{}/rrflow-stdin-XXXXXX", directory);
  const int named = ::mkstemp(name.data());
  if (named >= 0) ::unlink(name.c_str());
  return named;
}

std::string Spool() {
  struct stat info {};
  if (::fstat(STDIN_FILENO, &info) != 0) throw CLI::ValidationError(SystemError("cannot read standard input"));
  if (::isatty(STDIN_FILENO)) {
    throw CLI::ValidationError("`-` reads standard input, which is a terminal: pipe a file into it");
  }
  if (S_ISREG(info.st_mode)) return "/proc/self/fd/0";
  const int fd = AnonymousFile();
  if (fd < 0) throw CLI::ValidationError(SystemError("cannot make a temporary file for standard input"));
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw CLI::ValidationError(SystemError("cannot read standard input"));
    }
    for (ssize_t written = 0; written < got;) {
      const ssize_t put = ::write(fd, buffer + written, static_cast<size_t>(got - written));
      if (put < 0 && errno == EINTR) continue;
      if (put < 0) throw CLI::ValidationError(SystemError("cannot copy standard input to a temporary file"));
      written += put;
    }
  }
  return fmt::format("/proc/self/fd/{}", fd);
}

}  // namespace

CLI::Validator StandardInput() {
  return CLI::Validator(
      [](std::string& value) {
        if (value != "-") return std::string();
        if (StandardInputPath().empty()) StandardInputPath() = Spool();
        value = StandardInputPath();
        return std::string();
      },
      "", "standard input");
}

bool IsStandardInput(const std::string& path) {
  return !StandardInputPath().empty() && path == StandardInputPath();
}

std::string DisplayName(const std::string& path) { return IsStandardInput(path) ? kDisplayName : path; }

std::string ForPeople(std::string text) {
  const std::string& path = StandardInputPath();
  if (path.empty()) return text;
  for (size_t at = text.find(path); at != std::string::npos; at = text.find(path, at + std::strlen(kDisplayName))) {
    text.replace(at, path.size(), kDisplayName);
  }
  return text;
}

}  // namespace rrflow::cli
