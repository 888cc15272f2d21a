"""Action-plan pages: create from a result, edit actions, add actions, exports."""
