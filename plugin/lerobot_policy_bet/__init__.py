"LeRobot imports this package (its name starts with `lerobot_policy_`); the import registers BeT as `--policy.type=bet`."
import bet_nb.course   # every lesson's encoders and sampling rules, so that every published checkpoint loads
from bet_nb.lerobot_policy import LeRobotBeTConfig, LeRobotBeTPolicy, make_bet_pre_post_processors

__all__ = ["LeRobotBeTConfig", "LeRobotBeTPolicy", "make_bet_pre_post_processors"]
