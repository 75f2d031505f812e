// The separately compiled library, part 3: the scheduling core of the quota-aware poller
// (poll/scheduler.hpp). <renault/src.hpp> includes every part.
#pragma once

#include <renault/poll/scheduler.hpp>
#include <renault/poll/impl/scheduler.ipp>
