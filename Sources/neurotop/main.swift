print("neurotop")
