#include "intake/column_mapping.hpp"
