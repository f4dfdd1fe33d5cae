// `-` as an input file: standard input, made seekable for the readers.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace rrflow::cli {

/// For the input options of every subcommand: turns `-` into a path to what
/// standard input holds. The readers seek (footers, manifests, MCAP
/// summaries), so a pipe is first copied to an anonymous temporary file,
/// which disappears with the process whatever happens; a redirected file is
/// read where it is. Standard input is read once; `-` given twice names the
/// same copy. A terminal on standard input is a usage error.
CLI::Validator StandardInput();

/// Whether `path` is what StandardInput() made of `-`.
bool IsStandardInput(const std::string& path);

/// `<stdin>` for the path StandardInput() made, else `path`.
std::string DisplayName(const std::string& path);

/// `text` with every mention of that path replaced by `<stdin>`, for errors
/// that name the file.
std::string ForPeople(std::string text);

}  // namespace rrflow::cli
