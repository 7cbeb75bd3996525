"""Fixtures for lab 05's tests: the lab's modules and its data, loaded once."""

import pandas as pd
import pytest
from lab05_helpers import LAB, load_lab_module


@pytest.fixture(scope="session")
def drift():
    return load_lab_module("drift")


@pytest.fixture(scope="session")
def monitoring():
    return load_lab_module("monitoring")


@pytest.fixture(scope="session")
def weather() -> pd.DataFrame:
    return pd.read_csv(LAB / "data" / "seattle-weather.csv", parse_dates=["date"])


@pytest.fixture(scope="session")
def birds(monitoring) -> pd.DataFrame:
    return monitoring.load_penguins(LAB / "data" / "penguins.csv")
