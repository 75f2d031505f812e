// The quota-aware poller: the scheduling core (poll/scheduler.hpp) and its driver over a client
// (poll/poller.hpp). docs/bridge.md, "Scheduling", describes the policy and its defaults.
#pragma once

#include <renault/poll/poller.hpp>
#include <renault/poll/scheduler.hpp>
