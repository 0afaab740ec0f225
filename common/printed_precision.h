// The precision a number was printed with: a printed value stands for anything within half a
// unit of its last digit ("84.4" for [84.35, 84.45], "1.0e6" for [0.95e6, 1.05e6]).
#pragma once

#include <string_view>

namespace repro {

// Half a unit of the last digit of `printed`, a decimal as a paper prints it: an optional sign,
// digits with an optional point, an optional exponent (e or E) and an optional trailing '%'.
// "84.4" -> 0.05, "30.0" -> 0.05, "93.75" -> 0.005, "35" -> 0.5, "1.0e6" -> 5e4,
// "9.87e5" -> 500, "-30.2%" -> 0.05. Throws InputError naming the text when it is not a number.
double half_unit_of_printed(std::string_view printed);

}  // namespace repro
