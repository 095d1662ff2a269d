print("relance")
