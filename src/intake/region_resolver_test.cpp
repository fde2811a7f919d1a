#include "intake/region_resolver.hpp"
