"LeRobot imports this package (its name starts with `lerobot_policy_`); the import registers BeT as `--policy.type=bet`."
from bet_nb.lerobot_policy import LeRobotBeTConfig, LeRobotBeTPolicy, make_bet_pre_post_processors

__all__ = ["LeRobotBeTConfig", "LeRobotBeTPolicy", "make_bet_pre_post_processors"]
