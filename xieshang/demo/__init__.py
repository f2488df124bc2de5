"""Demo data: a fictitious city 政协 (示例市政协) and its 2020 proposal work, driven through the services."""
