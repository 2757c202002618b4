"""The villager's voice on screen: ratings, the 意见箱, replies by ticket code, the policy list."""
