"""Demand forecasts per SKU from weekly unit sales: a moving average and simple
exponential smoothing, each judged by its one-step-ahead error over the last
weeks (mean absolute error); the forecast shown is the better method's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MOVING_AVERAGE, SMOOTHING = "moving_average", "exponential_smoothing"
WINDOW = 4  # weeks the moving average takes
ALPHA = 0.3  # the smoothing constant
HOLDOUT = 4  # the last weeks each method is judged on


def moving_average(history: Sequence[float], window: int = WINDOW) -> float:
    """The mean of the last ``window`` periods (all of them when fewer); 0 for none."""
    tail = list(history[-window:])
    return sum(tail) / len(tail) if tail else 0.0


def smoothed(history: Sequence[float], alpha: float = ALPHA) -> float:
    """Simple exponential smoothing's forecast of the next period: the level after
    the last observation, started at the first; 0 for none."""
    if not 0 < alpha <= 1:
        raise ValueError("alpha must be in (0, 1]")
    if not history:
        return 0.0
    level = float(history[0])
    for value in history[1:]:
        level = alpha * value + (1 - alpha) * level
    return level


def one_step_errors(history: Sequence[float], method: str, holdout: int = HOLDOUT) -> list[float]:
    """The absolute error of forecasting each of the last ``holdout`` periods from
    the periods before it (a period with nothing before it is not judged)."""
    errors = []
    for i in range(max(1, len(history) - holdout), len(history)):
        forecast = moving_average(history[:i]) if method == MOVING_AVERAGE else smoothed(history[:i])
        errors.append(abs(history[i] - forecast))
    return errors


@dataclass(frozen=True)
class MethodResult:
    method: str
    next_week: float
    mae: float | None  # None: too little history to judge
    mape: float | None  # percent, over the judged weeks with sales; None when none had any


@dataclass(frozen=True)
class Forecast:
    weekly_units: tuple[int, ...]  # oldest first, the last is the week just ended
    chosen: MethodResult
    methods: tuple[MethodResult, ...]

    @property
    def daily(self) -> float:
        return self.chosen.next_week / 7


def _result(history: Sequence[float], method: str, holdout: int) -> MethodResult:
    following = moving_average(history) if method == MOVING_AVERAGE else smoothed(history)
    errors = one_step_errors(history, method, holdout)
    judged = history[max(1, len(history) - holdout) :]
    pct = [e / actual * 100 for e, actual in zip(errors, judged, strict=True) if actual > 0]
    return MethodResult(
        method,
        round(following, 2),
        round(sum(errors) / len(errors), 2) if errors else None,
        round(sum(pct) / len(pct), 1) if pct else None,
    )


def forecast(weekly_units: Sequence[int], holdout: int = HOLDOUT) -> Forecast:
    """Both methods on the weekly series; the one with the lower mean absolute error
    is chosen (the moving average on a tie, or when neither could be judged)."""
    history = [float(u) for u in weekly_units]
    results = tuple(_result(history, m, holdout) for m in (MOVING_AVERAGE, SMOOTHING))
    average, smooth = results
    better = smooth if (smooth.mae is not None and average.mae is not None and smooth.mae < average.mae) else average
    return Forecast(tuple(int(u) for u in weekly_units), better, results)
