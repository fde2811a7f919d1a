#include "intake/values.hpp"
