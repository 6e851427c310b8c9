import AstroKit
print("placeholder")
