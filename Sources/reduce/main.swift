print("placeholder build")
