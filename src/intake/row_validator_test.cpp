#include "intake/row_validator.hpp"
