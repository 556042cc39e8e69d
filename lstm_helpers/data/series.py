"""Real time series that run offline: datasets that ship inside statsmodels (a package on
PyPI, no download at run time). Used in lesson 10.

- ``co2``: monthly mean atmospheric CO₂ at Mauna Loa, March 1958 - December 2001 (ppm), from
  weekly flask samples (Keeling et al.; statsmodels' ``datasets.co2``): a rising trend and a
  12-month season. Missing weeks are interpolated before the monthly mean.
- ``sunspots``: yearly mean sunspot numbers, 1700-2008 (statsmodels' ``datasets.sunspots``):
  no trend, a cycle of about 11 years whose length and height vary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.errors import check_choice


class SeriesUnavailable(RuntimeError):
    """The package that ships the series is missing; the message says how to install it."""


@dataclass(frozen=True)
class Series:
    name: str
    values: np.ndarray  # float64, oldest first
    labels: list[str]  # one per value: "1958-03" or "1700"
    season: int  # steps per season (12 months; 11 years for the sunspot cycle)
    unit: str
    source: str

    def __len__(self) -> int:
        return len(self.values)


SERIES = ("co2", "sunspots")


def load_series(name: str = "co2") -> Series:
    """One of ``SERIES``, loaded from statsmodels. Raises LabInputError (a ValueError) for an
    unknown name and SeriesUnavailable when statsmodels is not installed. Used in lesson 10."""
    if name not in SERIES:
        check_choice("name", name, SERIES)  # raises LabInputError naming the choices
    try:
        from statsmodels import datasets
    except ImportError as err:
        raise SeriesUnavailable(
            "Lesson 10's series ship inside statsmodels, which is not installed here: run "
            "`pip install statsmodels` (make lab installs it).") from err
    if name == "co2":
        weekly = datasets.co2.load_pandas().data["co2"].interpolate()
        monthly = weekly.resample("MS").mean()
        return Series("co2", monthly.to_numpy(np.float64),
                      [d.strftime("%Y-%m") for d in monthly.index], 12, "ppm",
                      "Mauna Loa CO₂, monthly means of weekly samples (statsmodels.datasets.co2)")
    data = datasets.sunspots.load_pandas().data
    return Series("sunspots", data["SUNACTIVITY"].to_numpy(np.float64),
                  [str(int(y)) for y in data["YEAR"]], 11, "sunspot number",
                  "yearly mean sunspot numbers (statsmodels.datasets.sunspots)")
