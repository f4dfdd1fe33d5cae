// Problems reported by the engine, delivered to Python as warnings of
// category `rrflow.RrflowWarning`, notes on how work was done included (the
// reference logs those at warning level); nothing is printed.
#pragma once

#include <vector>

#include "rrflow/stream/execution_context.h"
#include "rrflow/stream/problem.h"

namespace rrflow::python {

/// Options for executions started from Python: their problems reach Python
/// from whichever engine thread reports them.
ExecuteOptions PythonExecuteOptions();

/// Issues `problems` as Python warnings, attributed to the innermost frame
/// outside the rrflow package (the user's line, however many of rrflow's own
/// Python layers sit between it and the binding). Call with the GIL held;
/// raises if a warning filter turns one into an error.
void WarnInPython(const std::vector<Problem>& problems);

}  // namespace rrflow::python
