#include "progress_bar.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <fmt/format.h>

#include "cli_support.h"

namespace rrflow::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
constexpr int kBarWidth = 30;
// Back to the line's start and clear it (ANSI erase in line).
constexpr const char* kClearLine = "\r\033[K";

std::string ReadableDuration(double seconds) {
  const auto whole = static_cast<int64_t>(seconds + 0.5);
  if (whole < 60) return fmt::format("{}s", whole);
  if (whole < 3600) return fmt::format("{}m{:02}s", whole / 60, whole % 60);
  return fmt::format("{}h{:02}m", whole / 3600, whole / 60 % 60);
}

// Bytes this process has read through read(2) and its kind (`rchar` of
// /proc/self/io); 0 where that is not available.
int64_t BytesReadByProcess() {
  std::ifstream io("/proc/self/io");
  std::string key;
  int64_t value = 0;
  while (io >> key >> value) {
    if (key == "rchar:") return value;
  }
  return 0;
}

}  // namespace

void ProgressFlags::AddTo(CLI::App& command) {
  auto* forced = command.add_flag("--progress", force, "show a progress bar even when stderr is not a terminal");
  command.add_flag("-q,--quiet", quiet, "no progress bar")->excludes(forced);
}

bool ProgressFlags::wanted() const { return !quiet && (force || isatty(STDERR_FILENO) == 1); }

std::unique_ptr<ProgressBar> ProgressBar::OverInputs(const ProgressFlags& flags,
                                                     const std::vector<std::string>& inputs) {
  int64_t total = 0;
  for (const auto& input : inputs) {
    struct stat info {};
    if (::stat(input.c_str(), &info) == 0 && S_ISREG(info.st_mode)) total += info.st_size;
  }
  const int64_t before = BytesReadByProcess();
  return std::make_unique<ProgressBar>(
      flags.wanted(), [before] { return BytesReadByProcess() - before; }, [total] { return total; });
}

ProgressBar::ProgressBar(bool enabled, std::function<int64_t()> done,
                         std::function<int64_t()> total)
    : enabled_(enabled),
      done_(std::move(done)),
      total_(std::move(total)),
      start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  thread_ = std::thread([this] { Run(); });
}

ProgressBar::~ProgressBar() { Stop(); }

void ProgressBar::Print(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (enabled_ && !stopped_) std::fputs(kClearLine, stderr);
  std::fputs((line + "\n").c_str(), stderr);
  if (enabled_ && !stopped_) DrawLocked(false);
}

void ProgressBar::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!enabled_ || stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::lock_guard lock(mutex_);
  DrawLocked(true);
  std::fputs("\n", stderr);
  stopped_ = true;
}

void ProgressBar::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    DrawLocked(false);
    wake_.wait_for(lock, kRedrawInterval, [this] { return stopping_; });
  }
}

void ProgressBar::DrawLocked(bool final) {
  std::fputs((kClearLine + Line(final)).c_str(), stderr);
  std::fflush(stderr);
}

std::string ProgressBar::Line(bool final) const {
  const int64_t done = done_();
  const int64_t total = total_();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const std::string speed = ReadableSize(static_cast<int64_t>(rate)) + "/s";
  if (final) {
    return fmt::format("read {} in {} ({})", ReadableSize(done), ReadableDuration(seconds), speed);
  }
  if (total <= 0) return fmt::format("{} read, {}", ReadableSize(done), speed);
  const double fraction = std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
  const int filled = static_cast<int>(fraction * kBarWidth);
  const std::string eta =
      rate > 0 ? ReadableDuration(static_cast<double>(total - std::min(done, total)) / rate) : "?";
  return fmt::format("[{}{}] {:3.0f}% {} / {}, {}, ETA {}", std::string(filled, '#'),
                     std::string(kBarWidth - filled, '.'), fraction * 100, ReadableSize(done),
                     ReadableSize(total), speed, eta);
}

}  // namespace rrflow::cli
