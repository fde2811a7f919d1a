#include "intake/validator.hpp"
