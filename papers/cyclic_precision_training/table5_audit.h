// Audit of Table 5's "Improv." GBitOPs percentages against the table's own cells: each is
// (CPT − SBM) / SBM of its column's GBitOPs, to the precision the cells are printed with
// (1.44e6, 1.0e6, 9.87e5, ...: three or two significant digits).
#pragma once

#include <vector>

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

// 100 (c / s − 1) for the printed cells c (CPT) and s (SBM), then its extremes when each cell may
// lie anywhere within its half unit: {value, lowest, highest}. REQUIRES: fixed − fixed_half_unit > 0.
std::vector<double> printed_change_percent_range(double cyclic, double cyclic_half_unit, double fixed,
                                                 double fixed_half_unit);

// Decides the table5_*_improv_*_follows_from_cells claims that are scheduled.
void decide_table5_improvements(StudyContext& context);

}  // namespace repro::cyclic_precision_training
