"""The mock_adjudication XBlock."""
